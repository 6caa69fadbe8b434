"""Small pieces of generated text: people's names and titles, NIPs,
phone numbers, e-mail addresses, dates, letter numbers and topic texts."""

from django.utils.text import slugify

from .figures import GENERATED_EMAIL_DOMAIN
from .words import (
    BACHELOR,
    BALI_MEN,
    BALI_MEN_NAMES,
    BALI_WOMEN,
    BALI_WOMEN_NAMES,
    BATAK_MARGA,
    DAY_NAMES,
    DIPLOMA,
    GENERIC_TOPIC,
    MASTER,
    MEN,
    MEN_FRONT_TITLES,
    MEN_SECOND,
    MONTH_NAMES,
    PHONE_PREFIXES,
    ROMAN_MONTHS,
    TOPIC_TEXT,
    WOMEN,
    WOMEN_FRONT_TITLES,
    WOMEN_SECOND,
)


def date_id(day):
    """ "Rabu, 14 Juni 2023"."""
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def letter_number(rng, day, unit="Dinsos"):
    return f"400.9/{rng.randint(1, 2999)}/{unit}/{ROMAN_MONTHS[day.month - 1]}/{day.year}"


def topic_text(topic, key, **names):
    text = TOPIC_TEXT.get(topic.code, GENERIC_TOPIC)[key]
    return text.format(name=topic.name, **names)


def person_name(rng, flavour, sex):
    """(given name(s), sex): Javanese-style by default, Balinese in Bali,
    often a Batak marga in Sumatera Utara."""
    if flavour == "bali":
        prefix = rng.choice(BALI_MEN if sex == "1" else BALI_WOMEN)
        return f"{prefix} {rng.choice(BALI_MEN_NAMES if sex == '1' else BALI_WOMEN_NAMES)}"
    first = rng.choice(MEN if sex == "1" else WOMEN)
    if rng.random() < 0.03:
        return first  # one name, like "Andre" in seed 004
    if flavour == "batak" and rng.random() < 0.6:
        return f"{first} {rng.choice(BATAK_MARGA)}"
    second = rng.choice(MEN_SECOND if sex == "1" else WOMEN_SECOND)
    if rng.random() < 0.2:
        middle = rng.choice(MEN if sex == "1" else WOMEN)
        if middle != first:
            return f"{first} {middle} {second}"
    return f"{first} {second}"


def titles(rng, sex, senior=False, diploma_ok=True):
    """(front title, back title) as Indonesian civil servants write them."""
    front = ""
    if rng.random() < (0.15 if senior else 0.04):
        front = rng.choice(MEN_FRONT_TITLES if sex == "1" else WOMEN_FRONT_TITLES)
        if front in ("Drs.", "Dra."):
            return front, rng.choice(["", "", "M.Si.", "M.M."])
    roll = rng.random()
    if roll < 0.12:
        return front, ""
    if roll < 0.2 and diploma_ok:
        return front, rng.choice(DIPLOMA)
    back = rng.choice(BACHELOR)
    if rng.random() < (0.5 if senior else 0.15):
        back = f"{back}, {rng.choice(MASTER)}"
    return front, back


def random_nip(rng, sex, year):
    """An NIP that ``agencies.validators.validate_nip`` accepts: birth date,
    month of appointment (at least 20 years after birth, not after
    ``year``), sex digit and a sequence number."""
    born = rng.randint(1963, year - 24)
    appointed = rng.randint(born + 20, min(born + 35, year))
    return (
        f"{born:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        f"{appointed:04d}{rng.randint(1, 12):02d}{sex}{rng.randint(1, 999):03d}"
    )


def random_phone(rng):
    return rng.choice(PHONE_PREFIXES) + "".join(
        str(rng.randrange(10)) for _ in range(rng.randint(7, 8))
    )


def email_local(name):
    return ".".join(slugify(name).split("-")[:2]) or "pegawai"


def benchmark_email(name):
    return f"benchmark.{name}@{GENERATED_EMAIL_DOMAIN}"


def full_name(front, name, back):
    name = f"{front} {name}".strip()
    return f"{name}, {back}" if back else name
