"""Django's Redis cache with one Redis client per connection pool.

Django's backend makes a new ``redis.Redis`` for every cache call, and
redis-py fills in some three hundred response callbacks for each: about half
a millisecond, a third of what a page served from the page cache costs (its
stamps and the page are two calls). A client is safe to share between
threads: each command takes a connection from the pool.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
