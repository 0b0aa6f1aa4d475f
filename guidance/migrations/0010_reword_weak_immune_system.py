"""The immune-system question's new wording (issue 14) is in the fixtures alone.

load_guide gives it to a question that still holds the wording it loaded, and leaves a question
staff edited as they wrote it. This migration stays, empty, so that databases which applied it and
new ones share one history of migrations.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("guidance", "0009_content_editors_edit_red_flags_and_combinations")]

    operations = []
