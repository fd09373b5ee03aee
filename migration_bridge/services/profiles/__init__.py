"""Platform profiles: one declarative module per source platform.

Every module of this package that defines ``PROFILE`` is a profile: adding a
platform is adding its module, nothing here changes.
"""

import importlib
import pkgutil

from .base import KindSpec, ObjectSpec, Profile

__all__ = ["PROFILES", "KindSpec", "ObjectSpec", "Profile", "get_profile", "profile_selection"]


def _discover():
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name == "base" or info.ispkg:
            continue
        profile = getattr(importlib.import_module("." + info.name, __name__), "PROFILE", None)
        if isinstance(profile, Profile):
            found[profile.code] = profile
    # the generic profile first: it is the default and heads the selection
    return dict(sorted(found.items(), key=lambda item: item[0] != "generic"))


PROFILES = _discover()


def get_profile(code):
    try:
        return PROFILES[code]
    except KeyError:
        raise KeyError(
            "unknown profile %r; known profiles: %s" % (code, ", ".join(sorted(PROFILES)))
        ) from None


def profile_selection():
    return [(code, profile.label) for code, profile in PROFILES.items()]
