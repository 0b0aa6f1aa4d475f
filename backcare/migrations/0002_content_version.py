# The content version every page cache key and ETag includes; its one row starts with a random token.

import secrets

from django.db import migrations, models
from django.utils import timezone


def first_version(apps, schema_editor):
    ContentVersion = apps.get_model("backcare", "ContentVersion")
    ContentVersion.objects.create(pk=1, token=secrets.token_hex(8), changed_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('backcare', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=32)),
                ('changed_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'content version',
                'verbose_name_plural': 'content version',
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
