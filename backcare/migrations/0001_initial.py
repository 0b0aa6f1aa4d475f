# SeedRecord moves here from guidance, keeping its rows: its table is taken over, then renamed.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('guidance', '0004_content_editors_group'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SeedRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('model', models.CharField(max_length=100)),
                        ('key', models.CharField(max_length=300)),
                        ('loaded_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'verbose_name': 'loaded fixture row',
                        'verbose_name_plural': 'loaded fixture rows',
                        'ordering': ['model', 'key'],
                        'constraints': [models.UniqueConstraint(fields=('model', 'key'), name='unique_seed_record')],
                        'db_table': 'guidance_seedrecord',
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='seedrecord', table=None),
    ]
