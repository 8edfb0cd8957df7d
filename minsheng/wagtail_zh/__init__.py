"""Chinese for the Wagtail admin strings that Wagtail's own zh_Hans catalogues lack.

Only catalogues live here (``locale/zh_Hans/LC_MESSAGES/django.po`` and ``djangojs.po``),
plus the JavaScript catalogue view that adds ``djangojs.po`` to Wagtail's. Django merges
every app's catalogue, so these entries fill the gaps in Wagtail's; msgids are Wagtail's own,
word for word. Nothing in this app calls gettext: ``makemessages`` then finds no source
strings for this app's ``locale`` folder and leaves the hand-kept catalogues alone.
"""
