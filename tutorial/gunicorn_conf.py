"""gunicorn settings for running Session Lab for a class.

    gunicorn -c python:tutorial.gunicorn_conf tutorial.wsgi

Every value can be overridden from the environment, so one file serves a laptop and a server.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The usual starting point: two workers per core plus one, so a core always has a worker ready
# while another waits on the database. Each worker also runs a few threads: most of a session
# request's time is spent waiting for PostgreSQL or Redis, not computing.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A request that takes longer than this is stuck, not slow: the worker is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow leaks cannot build up over a long class.
max_requests = 2000
max_requests_jitter = 200

# Access log to stdout, with the time each request took (microseconds, %(D)s).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
errorlog = "-"

# Addresses of proxies whose X-Forwarded-* headers gunicorn may believe (loopback by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
