"""Demo associations, activities and volunteer roles across the municipality's towns. Fictitious but realistic."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from associations.models import (
    Activity,
    Association,
    AssociationTargetGroup,
    AssociationTown,
    Category,
    Membership,
    MunicipalUnit,
    TargetGroup,
    Town,
    VolunteerRole,
)
from associations.services import association_search_terms_refresh, danish_slug
from portal.demo import demo_user

CATEGORIES = [
    ("sport", "Idræt", "Sport"),
    ("kultur", "Kultur", "Culture"),
    ("socialt", "Socialt", "Social"),
    ("natur", "Natur og friluftsliv", "Nature and outdoor"),
    ("boern-unge", "Børn og unge", "Children and youth"),
    ("seniorer", "Seniorer", "Seniors"),
    ("sundhed", "Sundhed", "Health"),
    ("integration", "Integration og nye i Danmark", "Integration and newcomers"),
    ("uddannelse", "Uddannelse og læring", "Education"),
    ("miljoe", "Miljø", "Environment"),
    ("naermiljoe", "Nærmiljø", "Neighbourhood"),
    ("andet", "Andet", "Other"),
]

K = Association.Kind
T = Town
G = TargetGroup

# name, kind, categories, towns, target groups, ages, description, meeting place
ASSOCIATIONS = [
    (
        "Espergærde Spejderne",
        K.FOLKEOPLYSENDE,
        ["natur", "boern-unge"],
        [T.ESPERGAERDE],
        [G.CHILDREN, G.YOUTH],
        (7, 18),
        "Spejderarbejde for piger og drenge med ture i skoven, lejrbål, knob og kanosejlads ved Øresund.",
        "Spejderhytten, Mørdrupvej 12, 3060 Espergærde",
    ),
    (
        "Helsingør Skakforening",
        K.FOLKEOPLYSENDE,
        ["kultur", "uddannelse"],
        [T.HELSINGOR],
        [G.EVERYONE],
        (8, None),
        "Skakklub for begyndere og øvede. Vi spiller klubturneringer, lynskak og underviser nye spillere hver tirsdag.",
        "Kulturværftet, Allégade 2, 3000 Helsingør",
    ),
    (
        "Helsingør Idrætsforening",
        K.FOLKEOPLYSENDE,
        ["sport", "boern-unge"],
        [T.HELSINGOR],
        [G.CHILDREN, G.YOUTH, G.ADULTS],
        (5, None),
        "Fodbold, atletik og motion for alle aldre. Mange hold med frivillige trænere.",
        "Helsingør Stadion, Gurrevej 1, 3000 Helsingør",
    ),
    (
        "Besøgsvennerne i Helsingør",
        K.SOCIAL,
        ["socialt", "seniorer"],
        [T.WHOLE_MUNICIPALITY],
        [G.SENIORS],
        (None, None),
        "Netværk af besøgsvenner, der kommer fast hos ældre på plejecentre og i eget hjem til en snak, en gåtur eller en kop kaffe.",
        "Frivilligcentret, Stengade 50, 3000 Helsingør",
    ),
    (
        "Venligboerne Helsingør",
        K.NETWORK,
        ["integration", "socialt"],
        [T.WHOLE_MUNICIPALITY],
        [G.NEWCOMERS, G.FAMILIES],
        (None, None),
        "Flygtningevenner og nye danskere mødes til lektiehjælp, sprogcafé, cykelværksted og fællesspisning.",
        "Sundhedshuset, Birkedalsvej 31, 3000 Helsingør",
    ),
    (
        "Museumsguiderne ved Kronborg",
        K.CULTURAL,
        ["kultur", "uddannelse"],
        [T.HELSINGOR],
        [G.ADULTS, G.SENIORS],
        (18, None),
        "Frivillige guider, der viser rundt på byens museer og fortæller om Helsingørs historie fra Øresundstolden til værftet.",
        "Bymuseet, Sankt Anna Gade 36, 3000 Helsingør",
    ),
    (
        "Snekkersten Roklub",
        K.FOLKEOPLYSENDE,
        ["sport", "natur"],
        [T.SNEKKERSTEN],
        [G.YOUTH, G.ADULTS],
        (12, None),
        "Kajak og inrigger på Øresund. Begynderhold hvert forår.",
        "Strandvejen 180, 3070 Snekkersten",
    ),
    (
        "Hornbæk Sejlklub",
        K.FOLKEOPLYSENDE,
        ["sport", "natur"],
        [T.HORNBAEK],
        [G.CHILDREN, G.YOUTH, G.ADULTS],
        (8, None),
        "Jollesejlads for børn og unge, kølbåde for voksne og et aktivt klubliv på havnen.",
        "Hornbæk Havn, 3100 Hornbæk",
    ),
    (
        "Tikøb Gymnastikforening",
        K.FOLKEOPLYSENDE,
        ["sport", "boern-unge"],
        [T.TIKOB],
        [G.CHILDREN, G.FAMILIES],
        (2, 14),
        "Forældre-barn-gymnastik, springhold og leg i hallen.",
        "Tikøb Hallen, Tikøb Skolevej 2, 3080 Tikøb",
    ),
    (
        "Kvistgård Borgerforening",
        K.OTHER,
        ["naermiljoe"],
        [T.KVISTGAARD],
        [G.EVERYONE],
        (None, None),
        "Vi arbejder for et godt lokalsamfund med sankthansbål, loppemarked og fællesspisning.",
        "Kvistgård Forsamlingshus, 3490 Kvistgård",
    ),
    (
        "Ålsgårde Strandlaug",
        K.OTHER,
        ["natur", "miljoe", "naermiljoe"],
        [T.AALSGAARDE],
        [G.EVERYONE],
        (None, None),
        "Vi passer stranden, holder strandrensning og arrangerer vinterbadning.",
        "Ålsgårde Strand, 3140 Ålsgårde",
    ),
    (
        "Hellebæk Naturvejledere",
        K.NETWORK,
        ["natur", "miljoe"],
        [T.HELLEBAEK],
        [G.FAMILIES, G.CHILDREN],
        (None, None),
        "Frivillige naturvejledere, der viser rundt i Teglstrup Hegn og ved Hammermøllen.",
        "Hammermøllen, Hellebæk",
    ),
    (
        "Espergærde Boldklub",
        K.FOLKEOPLYSENDE,
        ["sport", "boern-unge"],
        [T.ESPERGAERDE],
        [G.CHILDREN, G.YOUTH, G.ADULTS],
        (4, None),
        "Fodboldklub med hold for alle fra mikro til oldboys.",
        "Espergærde Idrætsanlæg, Idrætsvej 2, 3060 Espergærde",
    ),
    (
        "Helsingør Kunstforening",
        K.CULTURAL,
        ["kultur"],
        [T.HELSINGOR],
        [G.ADULTS, G.SENIORS],
        (None, None),
        "Udstillinger, foredrag og kunstrejser for kunstinteresserede.",
        "Toldkammeret, Havnepladsen 1, 3000 Helsingør",
    ),
    (
        "Snekkersten Seniorklub",
        K.SOCIAL,
        ["seniorer", "socialt"],
        [T.SNEKKERSTEN],
        [G.SENIORS],
        (60, None),
        "Banko, petanque, udflugter og hyggelige eftermiddage for seniorer.",
        "Snekkersten Medborgerhus, 3070 Snekkersten",
    ),
    (
        "Lektiecafé Vapnagaard",
        K.NETWORK,
        ["uddannelse", "integration", "boern-unge"],
        [T.HELSINGOR],
        [G.CHILDREN, G.YOUTH, G.NEWCOMERS],
        (6, 18),
        "Frivillige hjælper børn og unge med lektier to gange om ugen.",
        "Vapnagaard Beboerhus, 3000 Helsingør",
    ),
    (
        "Helsingør Svømmeklub",
        K.FOLKEOPLYSENDE,
        ["sport", "sundhed"],
        [T.HELSINGOR],
        [G.CHILDREN, G.ADULTS],
        (4, None),
        "Svømmeundervisning, konkurrencesvømning og motionssvømning.",
        "Helsingør Svømmehal, 3000 Helsingør",
    ),
    (
        "Foreningen Norden Helsingør",
        K.CULTURAL,
        ["kultur"],
        [T.HELSINGOR],
        [G.ADULTS],
        (None, None),
        "Nordisk kultur, sprog og venskabsbyer.",
        "Kulturværftet, 3000 Helsingør",
    ),
    (
        "Røde Kors Helsingør",
        K.SOCIAL,
        ["socialt", "integration", "sundhed"],
        [T.WHOLE_MUNICIPALITY],
        [G.EVERYONE],
        (None, None),
        "Genbrugsbutik, besøgstjeneste, lektiehjælp og førstehjælpskurser.",
        "Bramstræde 6, 3000 Helsingør",
    ),
    (
        "Tikøb Jagtforening",
        K.FOLKEOPLYSENDE,
        ["natur"],
        [T.TIKOB],
        [G.ADULTS],
        (16, None),
        "Jagt, naturpleje og flugtskydning.",
        "Skydebanen, Tikøb",
    ),
    (
        "Hornbæk Kor",
        K.CULTURAL,
        ["kultur"],
        [T.HORNBAEK],
        [G.ADULTS, G.SENIORS],
        (None, None),
        "Blandet kor med koncerter jul og sommer. Nye sangere er velkomne.",
        "Hornbæk Kirke, 3100 Hornbæk",
    ),
    (
        "Espergærde Motionsløbere",
        K.NETWORK,
        ["sport", "sundhed"],
        [T.ESPERGAERDE, T.SNEKKERSTEN],
        [G.ADULTS],
        (16, None),
        "Løbefællesskab med ture i Krogenberg Hegn for alle tempi.",
        "Espergærde Centret, 3060 Espergærde",
    ),
    (
        "Helsingør Bridgeklub",
        K.FOLKEOPLYSENDE,
        ["kultur", "seniorer"],
        [T.HELSINGOR],
        [G.ADULTS, G.SENIORS],
        (None, None),
        "Bridge for begyndere og øvede, mandag og torsdag.",
        "Medborgerhuset, 3000 Helsingør",
    ),
    (
        "Demensvennerne",
        K.SOCIAL,
        ["sundhed", "seniorer", "socialt"],
        [T.WHOLE_MUNICIPALITY],
        [G.SENIORS, G.FAMILIES],
        (None, None),
        "Netværk for pårørende og frivillige, der gør hverdagen lettere for mennesker med demens.",
        "Frivilligcentret, Stengade 50, 3000 Helsingør",
    ),
    (
        "Kvistgård Ungdomsklub",
        K.FOLKEOPLYSENDE,
        ["boern-unge"],
        [T.KVISTGAARD],
        [G.YOUTH],
        (12, 18),
        "Klub for unge med gaming, madlavning og ture.",
        "Kvistgård Skole, 3490 Kvistgård",
    ),
    (
        "Ålsgårde Vinterbadere",
        K.NETWORK,
        ["sundhed", "natur"],
        [T.AALSGAARDE, T.HELLEBAEK],
        [G.ADULTS],
        (18, None),
        "Vinterbadning fra broen hele vinteren med sauna.",
        "Ålsgårde Badebro, 3140 Ålsgårde",
    ),
    (
        "Helsingør Filmklub",
        K.CULTURAL,
        ["kultur"],
        [T.HELSINGOR],
        [G.ADULTS],
        (15, None),
        "Filmaftener med introduktion og snak bagefter.",
        "Biografen, Stengade, 3000 Helsingør",
    ),
    (
        "Snekkersten Haveforening",
        K.OTHER,
        ["natur", "naermiljoe", "miljoe"],
        [T.SNEKKERSTEN],
        [G.FAMILIES, G.SENIORS],
        (None, None),
        "Kolonihaver, plantebytte og fælles arbejdsdage.",
        "Haveforeningen, 3070 Snekkersten",
    ),
    (
        "Sprogcafé for nye danskere",
        K.NETWORK,
        ["integration", "uddannelse"],
        [T.HELSINGOR, T.ESPERGAERDE],
        [G.NEWCOMERS],
        (16, None),
        "Øv dansk i hyggelige rammer med frivillige samtalepartnere.",
        "Helsingør Bibliotek, 3000 Helsingør",
    ),
    (
        "Hornbæk Petanqueklub",
        K.FOLKEOPLYSENDE,
        ["sport", "seniorer"],
        [T.HORNBAEK],
        [G.SENIORS, G.ADULTS],
        (None, None),
        "Petanque på banerne ved havnen, sommer og vinter.",
        "Hornbæk Plantage, 3100 Hornbæk",
    ),
    (
        "Helsingør Cykelklub",
        K.FOLKEOPLYSENDE,
        ["sport"],
        [T.WHOLE_MUNICIPALITY],
        [G.ADULTS, G.YOUTH],
        (14, None),
        "Landevej og mountainbike med ture for alle niveauer.",
        "Kronborg Parkering, 3000 Helsingør",
    ),
    (
        "Tikøb Menighedsrådets Besøgstjeneste",
        K.SOCIAL,
        ["socialt", "seniorer"],
        [T.TIKOB],
        [G.SENIORS],
        (None, None),
        "Frivillige besøger ensomme ældre i sognet.",
        "Tikøb Præstegård, 3080 Tikøb",
    ),
    (
        "Espergærde Teaterforening",
        K.CULTURAL,
        ["kultur", "boern-unge"],
        [T.ESPERGAERDE],
        [G.CHILDREN, G.FAMILIES],
        (4, 12),
        "Børneteater i Flynderupgaard med forestillinger hele vinteren.",
        "Flynderupgaard, 3060 Espergærde",
    ),
    (
        "Helsingør Frivillige Brandværn",
        K.OTHER,
        ["socialt", "naermiljoe"],
        [T.WHOLE_MUNICIPALITY],
        [G.ADULTS],
        (18, None),
        "Frivillige, der støtter beredskabet ved større hændelser.",
        "Brandstationen, 3000 Helsingør",
    ),
    (
        "Mødregruppen Snekkersten",
        K.NETWORK,
        ["socialt", "boern-unge"],
        [T.SNEKKERSTEN],
        [G.FAMILIES],
        (None, None),
        "Netværk for forældre på barsel med gåture og legestue.",
        "Snekkersten Bibliotek, 3070 Snekkersten",
    ),
    (
        "Hellebæk Historiske Forening",
        K.CULTURAL,
        ["kultur", "uddannelse"],
        [T.HELLEBAEK],
        [G.ADULTS, G.SENIORS],
        (None, None),
        "Lokalhistorie, byvandringer og arkiv for Hellebæk og Ålsgårde.",
        "Hellebæk Skole, 3150 Hellebæk",
    ),
    (
        "Helsingør Badmintonklub",
        K.FOLKEOPLYSENDE,
        ["sport"],
        [T.HELSINGOR],
        [G.YOUTH, G.ADULTS],
        (8, None),
        "Badminton for børn, unge og motionister.",
        "Helsingør Hallen, 3000 Helsingør",
    ),
    (
        "Grøn Omstilling Helsingør",
        K.NETWORK,
        ["miljoe", "naermiljoe"],
        [T.WHOLE_MUNICIPALITY],
        [G.EVERYONE],
        (None, None),
        "Reparationscafé, byttemarked og klimaworkshops.",
        "Kulturværftet, 3000 Helsingør",
    ),
    (
        "Kvistgård Rideklub",
        K.FOLKEOPLYSENDE,
        ["sport", "natur", "boern-unge"],
        [T.KVISTGAARD],
        [G.CHILDREN, G.YOUTH],
        (6, None),
        "Ridning på skolepony og hest samt stævner.",
        "Rideskolen, 3490 Kvistgård",
    ),
    (
        "Seniorsport Espergærde",
        K.FOLKEOPLYSENDE,
        ["sport", "seniorer", "sundhed"],
        [T.ESPERGAERDE],
        [G.SENIORS],
        (60, None),
        "Motion, gymnastik og stavgang for seniorer.",
        "Espergærde Hallen, 3060 Espergærde",
    ),
]

ACTIVITY_TEMPLATES = [
    ("Klubaften", "Almindelig klubaften. Nye er velkomne til at prøve."),
    ("Prøvetræning", "Kom og prøv det gratis. Tag behageligt tøj på."),
    ("Åbent hus", "Mød foreningen og hør, hvad vi laver."),
]

# Activities that do not follow the two-per-association pattern.
EXTRA_ACTIVITIES = {
    "Espergærde Spejderne": [
        ("Spejdermøde for ulve", "Leg, knob og bål for de 7–10-årige.", 1, (17, 0), (18, 30), Decimal("0")),
        ("Juniorspejder", "Ture og lejrbål for de 10–12-årige.", 2, (18, 0), (20, 0), Decimal("0")),
    ],
    "Helsingør Skakforening": [
        (
            "Skak for begyndere",
            "Vi lærer dig reglerne og spiller de første partier sammen.",
            1,
            (18, 30),
            (20, 30),
            None,
        ),
        ("Klubturnering", "Turneringsskak for øvede.", 3, (19, 0), (22, 0), None),
    ],
}

MUNICIPAL_UNITS = [
    ("Plejecenter Bøgehøj", MunicipalUnit.Kind.NURSING_HOME, "Bøgehøj 2, 3000 Helsingør", T.HELSINGOR),
    ("Helsingør Bibliotek", MunicipalUnit.Kind.LIBRARY, "Allégade 2, 3000 Helsingør", T.HELSINGOR),
    ("Espergærde Skole", MunicipalUnit.Kind.SCHOOL, "Stationsvej 6, 3060 Espergærde", T.ESPERGAERDE),
    ("Plejecenter Hornbæk", MunicipalUnit.Kind.NURSING_HOME, "Sauntevej 10, 3100 Hornbæk", T.HORNBAEK),
]

# title, poster (association name or municipal unit name), description, commitment, when, child certificate
ROLES = [
    (
        "Frivillig spejderleder",
        "Espergærde Spejderne",
        "Hjælp med ugentlige møder og weekendture.",
        "3 timer om ugen",
        "Mandage",
        True,
    ),
    ("Skaktræner for børn", "Helsingør Skakforening", "Lær børn at spille skak.", "2 timer om ugen", "Tirsdage", True),
    (
        "Fodboldtræner U10",
        "Helsingør Idrætsforening",
        "Træn et hold af glade drenge og piger.",
        "4 timer om ugen",
        "Hverdage efter skole",
        True,
    ),
    (
        "Besøgsven",
        "Besøgsvennerne i Helsingør",
        "Besøg en ældre en gang om ugen.",
        "2 timer om ugen",
        "Efter aftale",
        False,
    ),
    (
        "Lektiehjælper",
        "Venligboerne Helsingør",
        "Hjælp børn og voksne med lektier og dansk.",
        "2 timer om ugen",
        "Onsdage",
        True,
    ),
    (
        "Museumsguide",
        "Museumsguiderne ved Kronborg",
        "Vis gæster rundt og fortæl byens historie.",
        "En weekend om måneden",
        "Weekender",
        False,
    ),
    (
        "Strandrenser",
        "Ålsgårde Strandlaug",
        "Vær med til at holde stranden ren.",
        "2 timer om måneden",
        "Lørdage",
        False,
    ),
    (
        "Naturvejleder-hjælper",
        "Hellebæk Naturvejledere",
        "Hjælp på familieture i skoven.",
        "Nogle gange om året",
        "Weekender",
        True,
    ),
    (
        "Kasserer",
        "Kvistgård Borgerforening",
        "Hold styr på foreningens regnskab.",
        "2 timer om måneden",
        "Efter aftale",
        False,
    ),
    (
        "Sprogcafé-vært",
        "Sprogcafé for nye danskere",
        "Tal dansk med nye danskere over en kop kaffe.",
        "2 timer om ugen",
        "Torsdage",
        False,
    ),
    (
        "Reparatør i reparationscaféen",
        "Grøn Omstilling Helsingør",
        "Hjælp folk med at reparere cykler, tøj og elektronik.",
        "3 timer om måneden",
        "Første lørdag",
        False,
    ),
    (
        "Hjælper ved børneteater",
        "Espergærde Teaterforening",
        "Billetter, kulisser og kaffe.",
        "Ved forestillinger",
        "Søndage",
        True,
    ),
    (
        "Demensven",
        "Demensvennerne",
        "Gå en tur eller drik kaffe med en borger med demens.",
        "1-2 timer om ugen",
        "Efter aftale",
        False,
    ),
    (
        "Holdleder i seniorsport",
        "Seniorsport Espergærde",
        "Led et hold i stavgang.",
        "2 timer om ugen",
        "Formiddage",
        False,
    ),
    ("Cykelhjælper", "Helsingør Cykelklub", "Hjælp nye ryttere godt i gang.", "Søndag formiddag", "Søndage", False),
    (
        "Højtlæser",
        "Plejecenter Bøgehøj",
        "Læs avis eller bog højt for beboerne.",
        "1 time om ugen",
        "Eftermiddage",
        False,
    ),
    (
        "Gåturs-ven",
        "Plejecenter Hornbæk",
        "Gå tur med beboere i haven og langs stranden.",
        "1-2 timer om ugen",
        "Formiddage",
        False,
    ),
    (
        "IT-hjælper",
        "Helsingør Bibliotek",
        "Hjælp borgere med MitID, e-Boks og smartphone.",
        "2 timer om ugen",
        "Tirsdage",
        False,
    ),
    (
        "Lektiecafé-frivillig",
        "Espergærde Skole",
        "Hjælp elever i skolens lektiecafé.",
        "2 timer om ugen",
        "Mandage og onsdage",
        True,
    ),
    (
        "Bogbus-hjælper",
        "Helsingør Bibliotek",
        "Hjælp med at bringe bøger ud til ældre.",
        "2 timer hver anden uge",
        "Torsdage",
        False,
    ),
]


def _seed_categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, name_da, name_en) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name_da": name_da, "name_en": name_en, "position": position}
        )
    return categories


def _seed_associations(categories: dict[str, Category]) -> dict[str, Association]:
    associations = {}
    admin = demo_user("forening@example.org")
    for index, (name, kind, slugs, towns, groups, ages, description, place) in enumerate(ASSOCIATIONS):
        association, _ = Association.objects.update_or_create(
            slug=danish_slug(name),
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "meeting_place": place,
                "min_age": ages[0],
                "max_age": ages[1],
                "contact_email": f"kontakt@{danish_slug(name)[:40]}.example.org",
                "contact_phone": f"49 {20 + index:02d} {10 + index:02d} {30 + index:02d}",
                "website": f"https://{danish_slug(name)[:40]}.example.org",
                "founded_year": 1900 + (index * 3) % 120,
                "status": Association.Status.APPROVED,
                "approved_at": timezone.now(),
            },
        )
        association.categories.set([categories[slug] for slug in slugs])
        for town in towns:
            AssociationTown.objects.get_or_create(association=association, town=town)
        for group in groups:
            AssociationTargetGroup.objects.get_or_create(association=association, group=group)
        associations[name] = association
    # The demo association person runs a few of them, so Min side has something to show.
    for name in ("Espergærde Spejderne", "Helsingør Skakforening", "Espergærde Teaterforening"):
        Membership.objects.get_or_create(
            user=admin, association=associations[name], defaults={"role": Membership.Role.ADMIN}
        )
    pending, _ = Association.objects.get_or_create(
        slug="espergaerde-strikkeklub",
        defaults={
            "name": "Espergærde Strikkeklub",
            "kind": K.NETWORK,
            "description": "Vi strikker og hækler sammen hver anden onsdag.",
            "status": Association.Status.PENDING,
        },
    )
    AssociationTown.objects.get_or_create(association=pending, town=T.ESPERGAERDE)
    Membership.objects.get_or_create(user=admin, association=pending, defaults={"role": Membership.Role.ADMIN})
    association_search_terms_refresh(
        associations=Association.objects.filter(pk__in=[a.pk for a in associations.values()] + [pending.pk])
    )
    return associations


def _seed_activities(associations: dict[str, Association]) -> int:
    today = timezone.localdate()
    season_start = today - dt.timedelta(days=today.weekday())
    count = 0
    for index, (name, association) in enumerate(associations.items()):
        town = association.towns.first().town
        if town == T.WHOLE_MUNICIPALITY:
            town = T.HELSINGOR
        planned = EXTRA_ACTIVITIES.get(name) or [
            (
                f"{ACTIVITY_TEMPLATES[index % 3][0]}: {name}",
                ACTIVITY_TEMPLATES[index % 3][1],
                index % 7,
                (16 + index % 4, 0),
                (18 + index % 4, 0),
                None if index % 3 else Decimal("25"),
            ),
            (
                f"{ACTIVITY_TEMPLATES[(index + 1) % 3][0]} hos {name}",
                ACTIVITY_TEMPLATES[(index + 1) % 3][1],
                None,
                (10 + index % 5, 0),
                (12 + index % 5, 0),
                None,
            ),
        ]
        for number, (title, description, weekday, start, end, price) in enumerate(planned):
            weekly = weekday is not None
            starts_on = season_start if weekly else today + dt.timedelta(days=3 + (index * 5 + number * 11) % 50)
            exceptions = [(season_start + dt.timedelta(weeks=3, days=weekday)).isoformat()] if weekly else []
            Activity.objects.update_or_create(
                association=association,
                title=title,
                defaults={
                    "description": description,
                    "kind": Activity.Kind.WEEKLY if weekly else Activity.Kind.ONCE,
                    "starts_on": starts_on,
                    "ends_on": season_start + dt.timedelta(weeks=26) if weekly else None,
                    "weekday": weekday,
                    "start_time": dt.time(*start),
                    "end_time": dt.time(*end),
                    "exceptions": exceptions,
                    "place": association.meeting_place,
                    "town": town,
                    "min_age": association.min_age,
                    "max_age": association.max_age,
                    "price": price,
                    "new_members_welcome": index % 4 != 3,
                    "good_for_newcomers": association.target_groups.filter(group=G.NEWCOMERS).exists()
                    or index % 5 == 0,
                    "signup_url": "" if index % 2 else f"{association.website}/tilmelding",
                },
            )
            count += 1
    return count


def _seed_roles(associations: dict[str, Association]) -> None:
    units = {}
    for name, kind, address, town in MUNICIPAL_UNITS:
        units[name], _ = MunicipalUnit.objects.update_or_create(
            slug=danish_slug(name),
            defaults={
                "name": name,
                "kind": kind,
                "address": address,
                "town": town,
                "email": f"{danish_slug(name)}@example.org",
            },
        )
    now = timezone.now()
    for index, (title, poster, description, commitment, when, certificate) in enumerate(ROLES):
        association = associations.get(poster)
        unit = units.get(poster)
        town = unit.town if unit else association.towns.first().town
        VolunteerRole.objects.update_or_create(
            title=title,
            association=association,
            municipal_unit=unit,
            defaults={
                "description": description,
                "time_commitment": commitment,
                "when": when,
                "place": unit.address if unit else association.meeting_place,
                "town": T.HELSINGOR if town == T.WHOLE_MUNICIPALITY else town,
                "child_certificate_required": certificate,
                "languages": "Dansk" if index % 3 else "Dansk eller engelsk",
                "contact_name": "Frederik Foreningsformand" if association else "Frivilligkoordinator",
                "created_at": now - dt.timedelta(days=index),
            },
        )


def _grant_staff_permissions() -> None:
    """Municipal staff moderate associations and keep municipal units and categories in the admin."""
    group, _ = Group.objects.get_or_create(name="Kommunale medarbejdere")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="associations"))


def seed(*, stdout) -> None:
    _grant_staff_permissions()
    categories = _seed_categories()
    associations = _seed_associations(categories)
    activities = _seed_activities(associations)
    _seed_roles(associations)
    stdout.write(
        f"Associations: {len(associations)} approved and 1 pending, {activities} activities, {len(ROLES)} volunteer roles."
    )
