from . import migrate
