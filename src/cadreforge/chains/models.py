"""Industrial clusters → chains → links (e.g. Huaibei's 五群十链: 5 clusters, 10 chains)."""

from django.db import models

from cadreforge.core.models import TimeStampedModel
from cadreforge.core.text import text_key


class Cluster(TimeStampedModel):
    """An industrial cluster (产业集群) of a home region."""

    name = models.CharField("名称", max_length=64)
    region = models.CharField("所属地区", max_length=128, blank=True)

    class Meta:
        verbose_name = "产业集群"
        verbose_name_plural = "产业集群"
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="cluster_unique_name_in_region")
        ]

    def __str__(self) -> str:
        return self.name


class Chain(TimeStampedModel):
    """An industrial chain (产业链). Ledgers name chains by text; the key makes 新材料 and 新材料 one."""

    name = models.CharField("名称", max_length=64)
    name_key = models.CharField("名称检索键", max_length=64, unique=True, editable=False)
    cluster = models.ForeignKey(
        Cluster,
        verbose_name="所属集群",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chains",
    )
    neighbours = models.ManyToManyField(
        "self",
        verbose_name="关联产业链",
        blank=True,
        help_text="上下游相互衔接的产业链，如高分子材料与集成电路",
    )

    class Meta:
        verbose_name = "产业链"
        verbose_name_plural = "产业链"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = text_key(self.name)
        super().save(*args, **kwargs)


class Link(TimeStampedModel):
    """A link (环节) of a chain: upstream, midstream or downstream."""

    class Position(models.TextChoices):
        UPSTREAM = "up", "上游"
        MIDSTREAM = "mid", "中游"
        DOWNSTREAM = "down", "下游"

    chain = models.ForeignKey(Chain, verbose_name="产业链", on_delete=models.CASCADE, related_name="links")
    name = models.CharField("名称", max_length=64)
    position = models.CharField("位置", max_length=4, choices=Position.choices)

    class Meta:
        verbose_name = "产业链环节"
        verbose_name_plural = "产业链环节"
        ordering = ["chain", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["chain", "name"], name="link_unique_name_in_chain")]

    def __str__(self) -> str:
        return f"{self.chain.name}·{self.name}"
