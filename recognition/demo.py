"""Demo data for recognition: published stories with pictures drawn here (nothing is downloaded), two awards with
a past round that has winners and an open round, nominations in each consent state, and thanks in each state."""

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from associations.models import Association, Category, Town
from portal.demo import demo_user
from recognition import services
from recognition.images import image_prepare
from recognition.models import Award, AwardRound, Nomination, Story, Thanks

STORIES = [
    (
        "Spejderne bygger bro i Espergærde",
        [Town.ESPERGAERDE],
        ["boern-unge", "natur"],
        "Tolv spejdere byggede en gangbro over åen, så naturstien igen kan bruges hele året.",
    ),
    (
        "Lektiecaféen hvor alle får hjælp",
        [Town.HELSINGOR],
        ["socialt", "boern-unge", "uddannelse"],
        "Hver tirsdag hjælper pensionerede lærere børn og unge med lektierne på biblioteket.",
    ),
    (
        "Strandrensning ved Hornbæk",
        [Town.HORNBAEK, Town.HELLEBAEK],
        ["natur", "miljoe"],
        "Over hundrede frivillige samlede 400 kilo affald på stranden på en enkelt lørdag.",
    ),
    (
        "Fodbold for alle i Snekkersten",
        [Town.SNEKKERSTEN],
        ["sport", "boern-unge"],
        "Et nyt hold for børn med særlige behov har givet tyve familier et fællesskab.",
    ),
    (
        "Koret der synger på plejehjemmet",
        [Town.HELSINGOR],
        ["kultur", "seniorer"],
        "Hver måned synger Kronborg Koret for beboerne, og mange synger med.",
    ),
    (
        "Besøgsvennen Inge",
        [Town.TIKOB],
        ["socialt", "seniorer"],
        "Inge har besøgt ældre i Tikøb hver uge i femten år. Hun fortæller om, hvad det giver begge veje.",
    ),
    (
        "Hellebæks nye naturlegeplads",
        [Town.HELLEBAEK],
        ["natur"],
        "Forældre og naboer byggede selv en legeplads af træ fra skoven.",
    ),
    (
        "Cykelsmedene i Kvistgård",
        [Town.KVISTGAARD, Town.TIKOB],
        ["naermiljoe", "integration"],
        "Frivillige reparerer gamle cykler og giver dem videre til nye borgere.",
    ),
    (
        "Ålsgårde Bådelaug fylder 50",
        [Town.AALSGAARDE],
        ["naermiljoe"],
        "Laugets frivillige har passet havnen i et halvt århundrede.",
    ),
    (
        "Teatret hvor unge skriver selv",
        [Town.HELSINGOR, Town.WHOLE_MUNICIPALITY],
        ["kultur"],
        "Unge fra hele kommunen skriver og spiller deres egen forestilling.",
    ),
    (
        "Løbeklubben der venter på alle",
        [Town.ESPERGAERDE],
        ["sport"],
        "Ingen løber alene: klubbens frivillige trænere løber altid bagerst.",
    ),
    (
        "Madklubben i Snekkersten",
        [Town.SNEKKERSTEN],
        ["socialt"],
        "Hver torsdag laver frivillige aftensmad til alle, der har lyst til at spise i fællesskab.",
    ),
]

BODY = """{teaser}

Det hele begyndte med en idé på et møde i foreningen. **Ingen havde prøvet det før**, men alle ville gerne være med.

> Det bedste er at se, hvad det betyder for de andre. Det giver mening at bruge sin tid på.

Vil du også være med? Kontakt foreningen, eller læs mere på [kommunens side om frivillighed](https://www.helsingor.dk/).
"""

COLOURS = [(0, 73, 147), (0, 122, 74), (189, 82, 0), (120, 40, 140), (170, 30, 50), (30, 110, 130)]


def _picture(seed: int) -> SimpleUploadedFile:
    """A simple landscape (sky, sun, hills) drawn with Pillow, different for each story."""
    rng = random.Random(seed)
    width, height = 1200, 800
    picture = Image.new("RGB", (width, height), (200, 225, 245))
    draw = ImageDraw.Draw(picture)
    sun = rng.randint(100, 1000)
    draw.ellipse((sun, 80, sun + 140, 220), fill=(250, 210, 60))
    for layer in range(3):
        colour = COLOURS[(seed + layer) % len(COLOURS)]
        base = 450 + layer * 110
        points = (
            [(0, height)] + [(x, base - rng.randint(0, 120)) for x in range(0, width + 200, 200)] + [(width, height)]
        )
        draw.polygon(points, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return SimpleUploadedFile(f"historie-{seed}.png", buffer.getvalue(), content_type="image/png")


def _seed_stories(stdout) -> list[Story]:
    author = demo_user("forening@example.org")
    editor = demo_user("admin@example.org")
    now = timezone.now()
    stories = []
    # The associations' demo seeds the shared categories first; a category missing there is left out.
    categories = {category.slug: category for category in Category.objects.all()}
    for number, (title, towns, slugs, teaser) in enumerate(STORIES):
        story = Story.objects.filter(title=title).first()
        if story is None:
            story = services.story_save(
                author=author if number % 3 else editor,
                title=title,
                teaser=teaser,
                body=BODY.format(teaser=teaser),
                consent_confirmed=True,
                submit=True,
            )
            services.story_image_add(
                story=story, prepared=image_prepare(_picture(number)), alt_text=f"Tegning af et landskab: {title}"
            )
            services.story_publish(story=story, featured=number < 3)
            # Spread the publication dates so the list and the feed look like a living archive.
            Story.objects.filter(pk=story.pk).update(published_at=now - dt.timedelta(days=number * 9 + 1))
        # Set on every run, so stories seeded before they had several towns and categories get them too.
        services.story_towns_set(story=story, towns=towns)
        story.categories.set([categories[slug] for slug in slugs if slug in categories])
        stories.append(story)
    citizen = demo_user("borger@example.org")
    if not Story.objects.filter(author=citizen).exists():
        services.story_save(
            author=citizen,
            title="Min nabo er min helt",
            teaser="Om naboen der hver vinter rydder sne for hele vejen.",
            body="Min nabo Kurt rydder sne for hele vejen, hver eneste vinter.",
            towns=[Town.HELSINGOR],
            categories=[categories[slug] for slug in ["naermiljoe"] if slug in categories],
            consent_confirmed=True,
            submit=True,
        )
    stdout.write(f"Recognition: {Story.objects.filter(status=Story.Status.PUBLISHED).count()} published stories")
    return stories


AWARDS = [
    {
        "slug": "frivilligprisen",
        "name_da": "Frivilligprisen",
        "name_en": "The Volunteer Award",
        "description_da": "Helsingør Kommunes pris til en frivillig eller en forening, der gør en særlig forskel.",
        "description_en": "Helsingør Municipality's award for a volunteer or an association that makes a special difference.",
        "criteria_da": "Indsatsen er frivillig, har stået på i mindst et år og kommer andre til gode.",
        "criteria_en": "The effort is voluntary, has lasted at least a year and benefits others.",
        "position": 1,
    },
    {
        "slug": "fritidslederprisen",
        "name_da": "Fritidslederprisen",
        "name_en": "The Leisure Leader Award",
        "description_da": "Til en leder eller træner i en fritidsforening, der er et forbillede for børn og unge.",
        "description_en": "For a leader or coach in a leisure association who is a role model for children and young people.",
        "criteria_da": "Lederen skaber trygge rammer og fællesskab for børn og unge.",
        "criteria_en": "The leader creates safe surroundings and community for children and young people.",
        "position": 2,
    },
]


def _seed_awards(stdout, stories: list[Story]) -> None:
    today = timezone.localdate()
    forening = demo_user("forening@example.org")
    borger = demo_user("borger@example.org")
    for index, data in enumerate(AWARDS):
        award, _ = Award.objects.update_or_create(slug=data["slug"], defaults=data)
        past, _ = AwardRound.objects.get_or_create(
            award=award,
            title=str(today.year - 1),
            defaults={
                "nominations_open": dt.date(today.year - 1, 3, 1),
                "nominations_close": dt.date(today.year - 1, 4, 30),
                "announced_on": dt.date(today.year - 1, 6, 1),
            },
        )
        current, _ = AwardRound.objects.get_or_create(
            award=award,
            title=str(today.year),
            defaults={
                "nominations_open": today - dt.timedelta(days=14),
                "nominations_close": today + dt.timedelta(days=30),
                "announced_on": today + dt.timedelta(days=60),
            },
        )
        if not past.nominations.exists():
            winners = [("Inge Hansen", "inge@example.org"), ("Espergærde Spejderne", "spejder@example.org")]
            for number, (name, email) in enumerate(winners[: 2 - index]):
                nomination = Nomination.objects.create(
                    round=past,
                    kind=Nomination.Kind.ASSOCIATION if "Spejder" in name else Nomination.Kind.PERSON,
                    nominee_name=name,
                    nominee_email=email,
                    reason="En helt uundværlig indsats for fællesskabet, år efter år.",
                    nominated_by=borger,
                    consent=Nomination.Consent.ACCEPTED,
                    consent_answered_at=timezone.now(),
                )
                services.nomination_choose_winner(nomination=nomination, story=stories[5 if number == 0 else 0])
            Nomination.objects.create(
                round=past,
                nominee_name="Ole Olsen",
                nominee_email="ole@example.org",
                reason="Ole træner fodbold tre dage om ugen.",
                nominated_by=forening,
                consent=Nomination.Consent.ACCEPTED,
                consent_answered_at=timezone.now(),
                shortlisted=True,
            )
            services.award_round_publish_winners(round=past)
        if not current.nominations.exists():
            services.nomination_create(
                round=current,
                nominated_by=borger,
                kind=Nomination.Kind.PERSON,
                nominee_name="Karen Jensen",
                nominee_email="karen@example.org",
                reason="Karen har startet lektiecaféen og holder den kørende hver uge.",
            )
            accepted = services.nomination_create(
                round=current,
                nominated_by=forening,
                kind=Nomination.Kind.ASSOCIATION,
                nominee_name="Hornbæk Strandrensere",
                nominee_email="strand@example.org",
                reason="De holder stranden ren for alle.",
            )
            services.nomination_answer(nomination=accepted, accept=True)
            declined = services.nomination_create(
                round=current,
                nominated_by=forening,
                kind=Nomination.Kind.PERSON,
                nominee_name="Peter Madsen",
                nominee_email="peter@example.org",
                reason="Peter kører bus for seniorklubben.",
            )
            services.nomination_answer(nomination=declined, accept=False)
    stdout.write(f"Recognition: {Award.objects.count()} awards, {Nomination.objects.count()} nominations")


THANKS = [
    (
        "Kronborg Koret",
        "Tak for den dejlige sang på plejehjemmet. Min mor talte om det hele ugen.",
        Thanks.Status.PUBLISHED,
    ),
    ("Lektiecaféen på biblioteket", "Tak fordi I hjalp min søn med matematikken. Han bestod!", Thanks.Status.PUBLISHED),
    ("Træner Jonas", "Tak for at du altid har tid til de mindste på holdet.", Thanks.Status.PUBLISHED),
    ("Hornbæk Strandrensere", "Tak for en ren strand hele sommeren.", Thanks.Status.PUBLISHED),
    ("Cykelsmedene", "Tak for cyklen til min datter. Hun cykler nu selv i skole.", Thanks.Status.PENDING),
    ("Nabohjælpen", "Tak for hjælpen med indkøb, da jeg var syg.", Thanks.Status.PENDING),
    ("Madklubben", "Reklame for min webshop, køb nu!", Thanks.Status.REJECTED),
    ("Naboen", "Tak for ingenting, du larmer hele tiden.", Thanks.Status.HIDDEN),
]


def _seed_thanks(stdout) -> None:
    borger = demo_user("borger@example.org")
    forening = demo_user("forening@example.org")
    for number, (recipient, message, status) in enumerate(THANKS):
        if Thanks.objects.filter(recipient=recipient, message=message).exists():
            continue
        thanks = services.thanks_create(author=borger if number % 2 else forening, recipient=recipient, message=message)
        if status == Thanks.Status.PUBLISHED:
            services.thanks_publish(thanks=thanks)
        elif status == Thanks.Status.REJECTED:
            services.thanks_reject(thanks=thanks)
        elif status == Thanks.Status.HIDDEN:
            # Shown at first, then reported by enough people to be hidden until staff have looked at it.
            services.thanks_publish(thanks=thanks)
            for email in ("admin@example.org", "forening@example.org", "borger@example.org"):
                services.thanks_report(thanks=thanks, reporter=demo_user(email))
    stdout.write(f"Recognition: {Thanks.objects.count()} thanks")


# Demo stories about demo associations, by the associations' slugs; an association that is not there is skipped,
# so recognition's demo data works with or without the associations app's.
STORY_ASSOCIATIONS = {
    "Spejderne bygger bro i Espergærde": ["espergaerde-spejderne"],
    "Lektiecaféen hvor alle får hjælp": ["venligboerne-helsingoer"],
    "Fodbold for alle i Snekkersten": ["helsingoer-idraetsforening"],
    "Besøgsvennen Inge": ["besoegsvennerne-i-helsingoer"],
    "Teatret hvor unge skriver selv": ["espergaerde-teaterforening"],
    "Løbeklubben der venter på alle": ["helsingoer-idraetsforening"],
    "Strandrensning ved Hornbæk": ["hornbaek-sejlklub", "snekkersten-roklub"],
}
NOMINATED_ASSOCIATIONS = {"Espergærde Spejderne": "espergaerde-spejderne"}
THANKED_ASSOCIATION = (
    "museumsguiderne-ved-kronborg",
    "Tak for en levende rundvisning på Bymuseet. Børnene har ikke talt om andet siden.",
)


def _seed_association_links(stdout) -> None:
    slugs = set(NOMINATED_ASSOCIATIONS.values()) | {THANKED_ASSOCIATION[0]}
    slugs |= {slug for names in STORY_ASSOCIATIONS.values() for slug in names}
    associations = {
        association.slug: association
        for association in Association.objects.filter(slug__in=slugs, status=Association.Status.APPROVED)
    }
    linked = 0
    for story in Story.objects.filter(title__in=STORY_ASSOCIATIONS):
        chosen = [associations[slug] for slug in STORY_ASSOCIATIONS[story.title] if slug in associations]
        if chosen:
            story.associations.add(*chosen)
            linked += 1
    for name, slug in NOMINATED_ASSOCIATIONS.items():
        if slug in associations:
            Nomination.objects.filter(nominee_name=name, association=None).update(association=associations[slug])
    slug, message = THANKED_ASSOCIATION
    if slug in associations and not Thanks.objects.filter(association=associations[slug], message=message).exists():
        thanks = services.thanks_create(
            author=demo_user("borger@example.org"), recipient="", message=message, association=associations[slug]
        )
        services.thanks_publish(thanks=thanks)
    stdout.write(f"Recognition: {linked} stories linked to associations")


def seed(*, stdout) -> None:
    stories = _seed_stories(stdout)
    _seed_awards(stdout, stories)
    _seed_thanks(stdout)
    _seed_association_links(stdout)
