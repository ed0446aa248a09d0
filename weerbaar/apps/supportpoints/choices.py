"""The fixed vocabularies of the registry. The functions follow the annex of seed 003
(VR Groningen, "Inrichting noodsteunpunten")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    LOCAL = "local", _("Local support point (L-NSP)")
    COORDINATING = "coordinating", _("Coordinating support point (C-NSP)")


class BuildingType(models.TextChoices):
    VILLAGE_HALL = "village_hall", _("Village hall")
    FIRE_STATION = "fire_station", _("Fire station")
    SCHOOL = "school", _("School")
    SPORTS_HALL = "sports_hall", _("Sports hall")
    CHURCH = "church", _("Church")
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    TOWN_HALL = "town_hall", _("Town hall")
    OTHER = "other", _("Other")


class Function(models.TextChoices):
    FOOD_WATER = "food_water", _("Food and water distribution")
    WARMING_COOLING = "warming_cooling", _("Warming up or cooling down")
    MEDICAL_HYGIENE = "medical_hygiene", _("Medical care, hygiene and medicine pickup")
    LISTENING_EAR = "listening_ear", _("A listening ear")
    PERSONAL_POWER = "personal_power", _("Power for short personal use")
    CONTACT_RELATIVES = "contact_relatives", _("Communication with relatives")
    INFORMATION = "information", _("Information and referral")
    ALARM = "alarm", _("Alarm to the C-NSP (police, fire, ambulance)")
    CITIZEN_AID = "citizen_aid", _("Citizen aid")


class PowerSupply(models.TextChoices):
    NONE = "none", _("None")
    GENERATOR_CONNECTION = "generator_connection", _("Connection for a generator")
    OWN_GENERATOR = "own_generator", _("Own generator")


class Communication(models.TextChoices):
    NONE = "none", _("None")
    RADIO = "radio", _("Radio")
    SATELLITE = "satellite", _("Satellite")
    OTHER = "other", _("Other")


class Origin(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IMPORTED = "imported", _("Imported")
    DEMO = "demo", _("Demo")


class CandidateKind(models.TextChoices):
    SETTLEMENT = "settlement", _("Settlement (proxy for a village hall or church)")
    HOSPITAL = "hospital", _("Hospital site")
