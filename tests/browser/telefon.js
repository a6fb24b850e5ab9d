() => {
  // What a phone shows of a page, as readable problems; run by telefon.py (seite_pruefen).
  const breite = document.documentElement.clientWidth;
  const probleme = [];
  const stil = (el) => getComputedStyle(el);
  const rollbar = (el) => ["auto", "scroll"].includes(stil(el).overflowX);
  const unsichtbar = (el) =>
    el.closest(".visually-hidden, .visually-hidden-focusable, [hidden]") !== null ||
    !el.checkVisibility({ visibilityProperty: true });
  const zuSehen = (el) =>
    el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().height > 0;
  const sichtbarerText = (el) => {
    if (!el) return "";
    const kopie = el.cloneNode(true);
    kopie.querySelectorAll(".visually-hidden").forEach((v) => v.remove());
    return kopie.textContent.trim();
  };
  const name = (el) => {
    const text = (el.innerText || el.textContent || el.value || "").trim().replace(/\s+/g, " ");
    const klassen = typeof el.className === "string" ? el.className.trim().split(/\s+/) : [];
    const klasse = klassen.filter(Boolean).map((k) => "." + k).join("");
    const id = el.id ? "#" + el.id : "";
    return `<${el.tagName.toLowerCase()}${id}${klasse}> "${text.slice(0, 50)}"`;
  };

  // 1. Nothing sticks out sideways: the page itself never scrolls (or cuts) sideways.
  if (document.body.scrollWidth > breite) {
    const draussen = [...document.body.querySelectorAll("*")].filter((el) => {
      const r = el.getBoundingClientRect();
      if (!r.width || (r.right <= breite + 0.5 && r.left >= -0.5)) return false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (stil(p).overflowX !== "visible") return false;
      }
      return true;
    });
    const aeusserste = draussen.filter((el) => !draussen.includes(el.parentElement));
    probleme.push(
      `Seite ${document.body.scrollWidth} px breit statt ${breite}: ` +
        aeusserste.slice(0, 4).map(name).join(", "),
    );
  }

  // 2. Every table either stacks into cards or scrolls in a named region with a hint.
  for (const tabelle of document.querySelectorAll("main table")) {
    if (unsichtbar(tabelle)) continue;
    const zeile = tabelle.querySelector("tbody tr");
    if (zeile && stil(zeile).display !== "table-row") {
      // cards: each value names its column as the header does
      const koepfe = [...tabelle.querySelectorAll("thead th")];
      for (const tr of tabelle.querySelectorAll("tbody tr")) {
        if (tr.cells.length === 1 && tr.cells[0].colSpan > 1) continue; // "nothing here"
        [...tr.cells].forEach((zelle, i) => {
          const kopf = sichtbarerText(koepfe[i]);
          if (zelle.tagName === "TH" || !kopf) return; // a row's title, a column of buttons
          if (zelle.dataset.label !== kopf.replace(/\s+/g, " ")) {
            probleme.push(
              `Karte ohne passende Beschriftung: Spalte „${kopf}“, ` +
                `data-label „${zelle.dataset.label ?? ""}“ in ${name(tabelle)}`,
            );
          }
        });
      }
      if (tabelle.getBoundingClientRect().width > breite) {
        probleme.push(`Karten breiter als der Bildschirm: ${name(tabelle)}`);
      }
      continue;
    }
    const bereich = tabelle.closest("[role=region]");
    const titel = bereich && document.getElementById(bereich.getAttribute("aria-labelledby"));
    if (!bereich || !rollbar(bereich) || bereich.tabIndex !== 0 || !titel?.textContent.trim()) {
      probleme.push(`Tabelle weder Karten noch benannter Bereich, der rollt: ${name(tabelle)}`);
      continue;
    }
    const hinweis = bereich.parentElement.querySelector(".tabelle-hinweis");
    if (!hinweis?.textContent.trim()) {
      probleme.push(`Rollbare Tabelle ohne Hinweis: ${name(tabelle)}`);
    } else if (bereich.scrollWidth > bereich.clientWidth + 1 && !zuSehen(hinweis)) {
      probleme.push(`Tabelle rollt seitlich, ohne sichtbaren Hinweis: ${name(tabelle)}`);
    }
  }

  // 3. No text is cut or spills out of its box (labels, legends, buttons, cells, headings …).
  const eigenerText = (el) =>
    [...el.childNodes].some((k) => k.nodeType === Node.TEXT_NODE && k.textContent.trim());
  for (const el of document.body.querySelectorAll("*")) {
    if (!eigenerText(el) || el.clientWidth <= 1 || rollbar(el) || unsichtbar(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      probleme.push(`Text ragt aus seinem Kasten (${el.scrollWidth} > ${el.clientWidth} px): ` +
        name(el));
    }
  }

  // 4. A select shows its entries whole ("Mittwoch", not "Mittwoc"): every entry that
  //    would fit a select as wide as the page.
  const messen = document.createElement("canvas").getContext("2d");
  for (const auswahl of document.querySelectorAll("select")) {
    if (unsichtbar(auswahl) || auswahl.multiple) continue;
    const s = stil(auswahl);
    messen.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const rand = ["paddingLeft", "paddingRight", "borderLeftWidth", "borderRightWidth"]
      .map((k) => parseFloat(s[k]))
      .reduce((a, b) => a + b);
    const platz = auswahl.offsetWidth - rand;
    const hoechstens = breite - 24 - rand; // less the page's margins
    for (const option of auswahl.options) {
      const text = option.text.trim();
      const noetig = messen.measureText(text).width;
      if (noetig > platz + 1 && noetig <= hoechstens) {
        probleme.push(
          `Auswahl schneidet „${text}“ ab (${Math.round(noetig)} > ${Math.round(platz)} px): ` +
            name(auswahl.labels[0] || auswahl),
        );
        break;
      }
    }
  }
  return probleme;
}
