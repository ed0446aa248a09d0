"""The registry of emergency support points (noodsteunpunten) and candidate sites."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.supportpoints.choices import (
    BuildingType,
    CandidateKind,
    Communication,
    Origin,
    PowerSupply,
    Tier,
)
from weerbaar.apps.supportpoints.states import Lifecycle
from weerbaar.core.models import StatusChange, SyncedRecord

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class SupportPoint(SyncedRecord):
    name = models.CharField(_("name"), max_length=150)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.LOCAL)
    coordinating_point = models.ForeignKey(
        "self",
        verbose_name=_("coordinating point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_points",
        limit_choices_to={"tier": Tier.COORDINATING},
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="support_points",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), validators=LATITUDE)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE)
    building_type = models.CharField(
        _("building type"), max_length=20, choices=BuildingType.choices, default=BuildingType.OTHER
    )
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    # Names and numbers of people: shown only to those who work with the point.
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity (persons present at once)"), default=0)
    status = models.CharField(
        _("lifecycle"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.PLANNED
    )
    functions = models.JSONField(_("functions"), default=list, blank=True)
    power = models.CharField(
        _("emergency power"), max_length=24, choices=PowerSupply.choices, default=PowerSupply.NONE
    )
    fuel_hours = models.FloatField(_("fuel (hours)"), default=0, validators=[MinValueValidator(0)])
    communication = models.CharField(
        _("emergency communication"),
        max_length=12,
        choices=Communication.choices,
        default=Communication.NONE,
    )
    water_litres = models.PositiveIntegerField(_("drinking water stock (litres)"), default=0)
    trained_staff = models.PositiveIntegerField(_("trained staff"), default=0)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.REGISTERED
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operators"),
        blank=True,
        related_name="operated_support_points",
    )

    class Meta:
        ordering = ["municipality__name", "name"]

    def __str__(self):
        return self.name


class SupportPointStatusChange(StatusChange):
    support_point = models.ForeignKey(
        SupportPoint, on_delete=models.CASCADE, related_name="status_changes"
    )


class CandidateSite(models.Model):
    """A possible location for a support point. The shipped ones are proxies (GeoNames
    settlements and hospital sites), to be replaced by a region's real list of buildings."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=CandidateKind.choices)
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="candidate_sites"
    )
    lat = models.FloatField(validators=LATITUDE)
    lon = models.FloatField(validators=LONGITUDE)
    source = models.CharField(_("source"), max_length=200)
    is_proxy = models.BooleanField(_("proxy"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]

    def __str__(self):
        return self.name


class ReadinessRules(models.Model):
    """The region's rules that decide which functions a point can deliver for 72 hours.
    Data, not code: the coordinator edits them; the shipped defaults are a starting point."""

    key = models.SlugField(unique=True, default="default")
    rules = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.key


class Plan(SyncedRecord):
    """A saved proposal of the siting optimizer: which candidate sites to add to the network
    in service, under a norm, with the answer's proven quality (bound and gap)."""

    class Question(models.TextChoices):
        ADD_K = "add_k", _("Add k points to today's network")
        FEWEST = "fewest", _("Fewest points for full coverage within the norm")

    name = models.CharField(_("name"), max_length=150)
    question = models.CharField(_("question"), max_length=10, choices=Question.choices)
    k = models.PositiveIntegerField(_("points to add"), null=True, blank=True)
    norm = models.JSONField(_("norm"))
    measure = models.CharField(_("weighted by"), max_length=20, default="residents")
    municipality = models.ForeignKey(
        "regions.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    existing = models.JSONField(_("points in service"), default=list)
    selected = models.JSONField(_("proposed candidate sites"), default=list)
    objective = models.FloatField(null=True)
    bound = models.FloatField(null=True)
    gap = models.FloatField(null=True)
    status = models.CharField(max_length=12)
    seconds = models.FloatField(default=0)
    before = models.JSONField(_("coverage before"), default=dict)
    after = models.JSONField(_("coverage after"), default=dict)
    unreachable = models.JSONField(_("beyond every candidate"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name
