"""Plain-language reasons for a match, worded for the rows of one page.

"spricht Farsi (Muttersprache) · Di 16–18 frei · wohnt in Pankow · Führungszeugnis gültig"
Each function reads what it needs for the whole page in a fixed number of queries. The
wording of why a need fits a volunteer (``passt_ihnen``) is shared with the digest.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .matching import BedarfKontext, ProfilKontext
from .models import Nachweis, Profil, Sprachkenntnis
from .nachweise import Status, erforderlich, status_von

#: translated when shown: each of a page's dozens of reasons needs one day or one state, not
#: all of them
WOCHENTAGE_KURZ = (
    pgettext_lazy("Wochentag", "Mo"),
    pgettext_lazy("Wochentag", "Di"),
    pgettext_lazy("Wochentag", "Mi"),
    pgettext_lazy("Wochentag", "Do"),
    pgettext_lazy("Wochentag", "Fr"),
    pgettext_lazy("Wochentag", "Sa"),
    pgettext_lazy("Wochentag", "So"),
)
NACHWEIS_TEXTE = {
    Status.GUELTIG: gettext_lazy("%(art)s gültig"),
    Status.LAEUFT_AB: gettext_lazy("%(art)s läuft bald ab"),
    Status.ABGELAUFEN: gettext_lazy("%(art)s abgelaufen"),
    Status.FEHLT: gettext_lazy("%(art)s fehlt"),
}


def wochentag_kurz(tag: int) -> str:
    return str(WOCHENTAGE_KURZ[tag])


def _uhrzeit(zeit) -> str:
    return f"{zeit.hour}" if not zeit.minute else f"{zeit.hour}:{zeit.minute:02d}"


def zeitfenster(tag: int, von, bis) -> str:
    return f"{wochentag_kurz(tag)} {_uhrzeit(von)}–{_uhrzeit(bis)}"


def ueberschneidung(zeiten) -> str | None:
    """The message for the first two of ``(weekday, from, until)`` that overlap, or None."""
    zeiten = sorted(zeiten)
    for vorher, nachher in zip(zeiten, zeiten[1:], strict=False):
        if vorher[0] == nachher[0] and nachher[1] < vorher[2]:
            return _(
                "Die Zeiten %(a)s und %(b)s überschneiden sich. Bitte fassen Sie sie zu einer "
                "zusammen."
            ) % {"a": zeitfenster(*vorher), "b": zeitfenster(*nachher)}
    return None


def gemeinsame_zeit(eigene, fremde):
    """The first overlap of two lists of weekly slots as (weekday, from, until), or None."""
    for a in sorted(eigene, key=lambda s: (s.wochentag, s.von)):
        for b in fremde:
            if a.wochentag == b.wochentag and a.von < b.bis and b.von < a.bis:
                return a.wochentag, max(a.von, b.von), min(a.bis, b.bis)
    return None


def _nachweis_text(art, status) -> str:
    return str(NACHWEIS_TEXTE[status]) % {"art": art.name}


def fuer_kandidaten(kontext: BedarfKontext, profile: list[Profil]) -> None:
    """Sets ``gruende`` (list of strings) on each candidate profile of the page."""
    bedarf = kontext.bedarf
    sprachen = {s.pk for s in kontext.sprachen}
    prefetch_related_objects(
        profile,
        "person",
        Prefetch(
            "sprachkenntnisse",
            queryset=Sprachkenntnis.objects.select_related("sprache").order_by("-niveau"),
        ),
        "verfuegbarkeiten",
    )
    neueste = {}
    for nachweis in Nachweis.objects.filter(
        person__in=[p.person_id for p in profile], art__in=kontext.arten
    ).order_by("person_id", "art_id", "-eingesehen_am", "-created_at"):
        neueste.setdefault((nachweis.person_id, nachweis.art_id), nachweis)
    for profil in profile:
        gruende = []
        sprache = next((k for k in profil.sprachkenntnisse.all() if k.sprache_id in sprachen), None)
        if sprache:
            gruende.append(
                _("spricht %(sprache)s (%(niveau)s)")
                % {"sprache": sprache.sprache.name, "niveau": sprache.get_niveau_display()}
            )
        zeit = gemeinsame_zeit(profil.verfuegbarkeiten.all(), kontext.slots)
        if zeit:
            gruende.append(_("%(zeit)s frei") % {"zeit": zeitfenster(*zeit)})
        if profil.p_feld:
            gruende.append(_("interessiert an %(feld)s") % {"feld": bedarf.taetigkeitsfeld.name})
        if profil.heimatbezirk_id:
            gruende.append(_("wohnt in %(bezirk)s") % {"bezirk": profil.heimatbezirk.name})
        elif profil.p_naehe:
            gruende.append(_("möchte in dieser Region helfen"))
        for art in kontext.arten:
            if erforderlich(art, profil.geburtsjahr):
                status = status_von(neueste.get((profil.person_id, art.pk)), kontext.stichtag)
                gruende.append(_nachweis_text(art, status))
        if profil.last:
            gruende.append(
                _("schon %(anzahl)s laufende Einsätze") % {"anzahl": profil.last}
                if profil.last > 1
                else _("schon ein laufender Einsatz")
            )
        profil.gruende = gruende


def passt_ihnen(*, sprachen=(), zeit=None, feste_zeiten=True, feld=None, im_bezirk=False):
    """Why a need fits the volunteer, as pages, API and digest word it: the languages asked
    for that they speak (``(name, level)``), the common time (or that none is fixed), their
    interest in its field, their home district."""
    gruende = [
        _("%(sprache)s gefragt – Sie: %(niveau)s") % {"sprache": name, "niveau": niveau}
        for name, niveau in sprachen
    ]
    if zeit:
        gruende.append(_("%(zeit)s passt") % {"zeit": zeitfenster(*zeit)})
    elif not feste_zeiten:
        gruende.append(_("Zeit nach Absprache"))
    if feld:
        gruende.append(_("Ihr Interesse: %(feld)s") % {"feld": feld})
    if im_bezirk:
        gruende.append(_("in Ihrem Bezirk"))
    return gruende


def fuer_bedarfe(kontext: ProfilKontext, bedarfe: list) -> None:
    """Sets ``gruende`` on each need of the page, seen from the volunteer."""
    prefetch_related_objects(
        bedarfe,
        "sprachen",
        "zeitfenster",
        "unterkunft__anforderungen",
        "taetigkeitsfeld__anforderungen",
        "zusaetzliche_anforderungen",
    )
    profil = kontext.profil
    for bedarf in bedarfe:
        zeitfenster = list(bedarf.zeitfenster.all())
        gruende = passt_ihnen(
            sprachen=[
                (sprache.name, Sprachkenntnis.Niveau(kontext.niveaus[sprache.pk]).label)
                for sprache in bedarf.sprachen.all()
                if sprache.pk in kontext.niveaus
            ],
            zeit=gemeinsame_zeit(kontext.slots, zeitfenster),
            feste_zeiten=bool(zeitfenster),
            feld=bedarf.taetigkeitsfeld.name if bedarf.p_feld else None,
            im_bezirk=bool(bedarf.bezirk_id) and bedarf.bezirk_id == profil.heimatbezirk_id,
        )
        for art in bedarf.anforderungen_gesamt():
            if not erforderlich(art, profil.geburtsjahr):
                continue
            if art.pk in kontext.gueltige_arten:
                gruende.append(_("%(art)s nötig – liegt vor") % {"art": art.name})
            else:
                gruende.append(_("%(art)s nötig – fehlt noch") % {"art": art.name})
        bedarf.gruende = gruende
