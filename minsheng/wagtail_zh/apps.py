from django.apps import AppConfig


class WagtailZhConfig(AppConfig):
    name = "minsheng.wagtail_zh"
    label = "wagtail_zh"
