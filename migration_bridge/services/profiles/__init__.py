"""Platform profiles: one declarative module per source platform."""

from . import dtools, generic, totus
from .base import KindSpec, ObjectSpec, Profile

PROFILES = {profile.code: profile for profile in (generic.PROFILE, dtools.PROFILE, totus.PROFILE)}

__all__ = ["PROFILES", "KindSpec", "ObjectSpec", "Profile", "get_profile", "profile_selection"]


def get_profile(code):
    try:
        return PROFILES[code]
    except KeyError:
        raise KeyError(
            "unknown profile %r; known profiles: %s" % (code, ", ".join(sorted(PROFILES)))
        ) from None


def profile_selection():
    return [(code, profile.label) for code, profile in PROFILES.items()]
