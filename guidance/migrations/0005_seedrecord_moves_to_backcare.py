# SeedRecord now belongs to backcare (its 0001 takes over the table); forget it here, keep the rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0004_content_editors_group'),
        ('backcare', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name='seedrecord', name='unique_seed_record'),
                migrations.DeleteModel(name='SeedRecord'),
            ],
        ),
    ]
