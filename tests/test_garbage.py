"""The server's processes set Python's garbage collector as kinship_portal.garbage says."""

import gc
import importlib

from kinship_portal import garbage


def test_the_wsgi_application_freezes_start_up_objects_and_sets_the_thresholds():
    before = gc.get_threshold()
    try:
        importlib.reload(importlib.import_module("kinship_portal.wsgi"))
        assert gc.get_threshold() == garbage.THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
