"""The open data API: published offer documents as JSON under /api/v1/, and Open Referral UK.

Plain Django views (see README, "Open data API"): a few read-only GET endpoints over stored
documents need no serializer framework. views.py is thin; data.py and open_referral.py make
the JSON from published documents; http.py holds the HTTP rules every endpoint shares.
"""
