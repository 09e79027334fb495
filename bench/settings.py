"""The site's own settings, with collectstatic's output kept under bench/ (bench/static).

Only STATIC_ROOT differs from kinship_portal.settings, so the benchmark never writes over the
staticfiles/ folder a developer or another run may be serving from.
"""

from kinship_portal.settings import *  # noqa: F403
from kinship_portal.settings import BASE_DIR

STATIC_ROOT = BASE_DIR / "bench" / "static"
