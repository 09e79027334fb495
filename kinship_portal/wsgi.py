"""WSGI entry point: gunicorn kinship_portal.wsgi"""

import os

from django.core.wsgi import get_wsgi_application

from kinship_portal import garbage

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship_portal.settings")

application = get_wsgi_application()
garbage.tune()
