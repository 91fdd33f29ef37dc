"""Settings for the load benchmark's server: Coreflect's own, with the URL map that adds the floor views.

bench/load.py starts gunicorn with DJANGO_SETTINGS_MODULE=bench_settings and this folder on the Python
path, so the floors exist only there and Coreflect's own settings and URL map need no benchmark switch.
"""

from coreflect.settings import *  # noqa: F403 - everything as the service has it

ROOT_URLCONF = "floors"
