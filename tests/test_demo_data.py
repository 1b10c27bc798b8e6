from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_demo_data_runs_twice_without_error():
    """Every app's demo loader is idempotent: `make run` calls it on every start."""
    call_command("demo_data", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
