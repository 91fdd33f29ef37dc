"""gunicorn's settings for Coreflect in production: `gunicorn -c gunicorn.conf.py coreflect.wsgi`.

The access log goes to standard output with no IP address, no query string and no private token
(coreflect/logs.py hides them); the port and the number of workers come from the environment.
"""

import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number above 0, not {value!r}")
    return int(value)


# Every interface, as containers and platforms that set PORT expect; put a TLS proxy in front.
bind = f"0.0.0.0:{_whole_number('PORT', 8000)}"
workers = _whole_number("WEB_CONCURRENCY", 2)

accesslog = "-"
errorlog = "-"
# Time, request line (path only), status, bytes sent, milliseconds taken. No %(h)s, %(q)s, %(f)s or headers.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
logger_class = "coreflect.logs.GunicornLogger"
