"""Demo calls for helpers (Aufrufe) of the three migrant organisations, with translations."""

from datetime import time, timedelta

from django.utils import timezone

from common.models import Sprache
from netzwerk.models import Organisation

from .models import Bedarf, Taetigkeitsfeld, Zeitfenster

#: per MSO (in the order of netzwerk.demo.MSOS): the call, its slots and translations
AUFRUFE = [
    {
        "titel": "Hausaufgabenhilfe im Frauencafé",
        "feld": "hausaufgabenhilfe",
        "sprachen": ["ar", "de"],
        "anzahl": 3,
        "zeitfenster": [(4, time(16), time(18))],
        "beschreibung": "Während die Mütter im Frauencafé zusammensitzen, lernen die Kinder "
        "nebenan. Wir suchen Menschen, die bei Mathe und Deutsch helfen; Arabisch ist schön, "
        "aber keine Bedingung.",
        "uebersetzungen": {
            "ar": {
                "titel": "مساعدة في الواجبات المدرسية في مقهى النساء",
                "beschreibung": "بينما تجلس الأمهات معاً في مقهى النساء، يتعلم الأطفال في "
                "الغرفة المجاورة. نبحث عن أشخاص يساعدون في الرياضيات واللغة الألمانية.",
            },
            "en": {
                "titel": "Homework help at the women's café",
                "beschreibung": "While the mothers meet at the women's café, the children "
                "study next door. We are looking for people who help with maths and German.",
            },
        },
    },
    {
        "titel": "Helfer*innen für das Sommerfest",
        "feld": "freizeit-sport",
        "sprachen": ["uk"],
        "anzahl": 6,
        "einmalig_in_tagen": 24,
        "zeitfenster": [],
        "beschreibung": "Aufbau, Kinderschminken, Kuchenstand und Abbau: für unser Fest mit "
        "der Nachbarschaft brauchen wir viele Hände.",
        "uebersetzungen": {
            "uk": {
                "titel": "Помічники для літнього свята",
                "beschreibung": "Підготовка, аквагрим для дітей, стіл з випічкою та "
                "прибирання: для нашого свята з сусідами потрібно багато рук.",
            }
        },
    },
    {
        "titel": "Sprachmittlung Dari und Paschtu bei Behördengängen",
        "feld": "sprachmittlung",
        "sprachen": ["prs", "ps"],
        "anzahl": 2,
        "zeitfenster": [(1, time(9), time(13)), (3, time(9), time(13))],
        "beschreibung": "Wir begleiten junge Erwachsene zum Jobcenter und zur "
        "Ausländerbehörde und suchen Verstärkung, die Dari oder Paschtu spricht.",
        "uebersetzungen": {
            "fa": {
                "titel": "ترجمه دری و پشتو هنگام مراجعه به ادارات",
                "beschreibung": "ما جوانان را به اداره کار و اداره اتباع خارجی همراهی "
                "می‌کنیم و به دنبال کمک کسانی هستیم که به دری یا پشتو صحبت می‌کنند.",
            }
        },
    },
]


def anlegen(kontext) -> list[Bedarf]:
    msos = kontext.objekte.get("msos") or list(
        Organisation.objects.filter(art=Organisation.Art.MSO, bezirk__isnull=False).order_by(
            "name"
        )[: len(AUFRUFE)]
    )
    heute = timezone.localdate()
    felder = {f.slug: f for f in Taetigkeitsfeld.objects.all()}
    aufrufe = []
    for organisation, daten in zip(msos, AUFRUFE, strict=False):
        einmalig = daten.get("einmalig_in_tagen")
        bedarf, neu = Bedarf.objects.get_or_create(
            organisation=organisation,
            titel=daten["titel"],
            defaults={
                "taetigkeitsfeld": felder[daten["feld"]],
                "beschreibung": daten["beschreibung"],
                "anzahl_helfende": daten["anzahl"],
                "einmalig_am": heute + timedelta(days=einmalig) if einmalig else None,
                "beginn": heute - timedelta(days=7),
                "uebersetzungen": daten["uebersetzungen"],
            },
        )
        if neu:
            bedarf.sprachen.set(Sprache.objects.filter(code__in=daten["sprachen"]))
            Zeitfenster.objects.bulk_create(
                Zeitfenster(bedarf=bedarf, wochentag=tag, von=von, bis=bis)
                for tag, von, bis in daten["zeitfenster"]
            )
        aufrufe.append(bedarf)
    kontext.objekte["aufrufe"] = aufrufe
    return aufrufe
