from . import test_pipeline
from . import test_delta_rollback
from . import test_confirmation
from . import test_engagements
from . import test_background
from . import test_platforms
