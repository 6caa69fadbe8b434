"""The demo and the national data set: the generators that fill a database
for trying the portal (``load_demo``) and for the benchmark
(``generate_national_data``). It imports every domain app, and none of them
imports it."""
