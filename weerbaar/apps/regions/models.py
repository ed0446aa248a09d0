"""Reference geography: the safety region, its municipalities, wijken, postcode areas and the
population layer of demand points. Loaded from weerbaar/data by `weerbaar load-reference`;
geometry is kept as GeoJSON (WGS84) so SQLite needs no spatial extension."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    """Provenance of a loaded layer: where it comes from, its licence, and whether it is
    real data or derived (a page that shows a derived figure says so)."""

    key = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    source = models.TextField(_("source"))
    licence = models.CharField(_("licence"), max_length=100)
    reference_date = models.CharField(_("reference date"), max_length=50)
    is_derived = models.BooleanField(_("derived"), default=False)
    method = models.TextField(_("method"), blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    # A fingerprint of the rows as loaded, where a layer has one (the population layer): it
    # changes exactly when a reload changes the rows, so a process may keep them in memory.
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.title


class Region(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    population = models.PositiveIntegerField(_("population (CBS 1 Jan 2024)"))
    dwellings = models.PositiveIntegerField(_("dwellings (CBS 1 Jan 2024)"), default=0)
    land_area_ha = models.PositiveIntegerField(_("land area (ha)"), default=0)
    geometry = models.JSONField(_("boundary (GeoJSON, WGS84)"))

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class District(models.Model):
    """A CBS wijk."""

    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts"
    )
    population = models.PositiveIntegerField(_("population (CBS 1 Jan 2024)"))
    land_area_ha = models.PositiveIntegerField(_("land area (ha)"), default=0)
    geometry = models.JSONField(_("boundary (GeoJSON, WGS84)"))

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class PostcodeArea(models.Model):
    """A four-digit postcode area (PC4) with CBS 2021 population and age bands."""

    code = models.CharField(_("postcode"), max_length=4, unique=True)
    place = models.CharField(_("place"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="postcode_areas"
    )
    population_2021 = models.PositiveIntegerField(_("population (CBS 1 Jan 2021)"))
    population = models.PositiveIntegerField(_("population (2024, derived)"))
    age_0_14 = models.PositiveIntegerField(default=0)
    age_15_64 = models.PositiveIntegerField(default=0)
    age_65_plus = models.PositiveIntegerField(default=0)
    age_75_plus = models.PositiveIntegerField(default=0)
    age_85_plus = models.PositiveIntegerField(default=0)
    geometry = models.JSONField(_("boundary (GeoJSON, WGS84)"))

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.place}"

    @property
    def share_65_plus(self) -> float:
        total = self.age_0_14 + self.age_15_64 + self.age_65_plus
        return self.age_65_plus / total if total else 0.0


class DemandPoint(models.Model):
    """A point of the derived population layer (500 m grid). Derived, not counted: see the
    `demand-points` Dataset for the method."""

    code = models.CharField(max_length=20, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="demand_points"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="demand_points"
    )
    postcode_area = models.ForeignKey(
        PostcodeArea, on_delete=models.PROTECT, related_name="demand_points"
    )
    x = models.FloatField(help_text="RD New (EPSG:28992), metres")
    y = models.FloatField(help_text="RD New (EPSG:28992), metres")
    lon = models.FloatField()
    lat = models.FloatField()
    residents = models.PositiveIntegerField()
    age_65_plus = models.FloatField()
    age_75_plus = models.FloatField()
    age_85_plus = models.FloatField()
    less_self_reliant = models.FloatField()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class CrisisContact(models.Model):
    """How to reach a municipality's crisis organisation when the usual channels fail.
    Names and numbers of people: personal data, read only by those who need it, and logged."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="crisis_contact"
    )
    crisis_room_address = models.CharField(_("crisis room address"), max_length=200, blank=True)
    phone_24h = models.CharField(_("24-hour phone number"), max_length=30, blank=True)
    officer_name = models.CharField(_("crisis officer (AOV)"), max_length=100, blank=True)
    officer_phone = models.CharField(_("crisis officer's phone"), max_length=30, blank=True)
    satellite_phone = models.CharField(_("satellite phone"), max_length=30, blank=True)
    radio_call_sign = models.CharField(_("radio call sign"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return str(self.municipality)
