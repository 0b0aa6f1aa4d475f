"""django-axes (locks a login out after repeated failures), named in the admin for what it does."""

from axes.apps import AppConfig


class LoginLockoutsConfig(AppConfig):
    verbose_name = "Login lockouts"
