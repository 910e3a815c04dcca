// The private dashboard's script (bot/dashboard_site.py): reads dashboard.json with the page's
// own link token every few seconds and shows it. Text goes in with textContent only, never as
// HTML, so nothing a note says can become markup.
"use strict";

(function () {
  const body = document.body;
  const token = new URLSearchParams(window.location.search).get("t") || "";
  const query = "?t=" + encodeURIComponent(token);
  const every = Math.max(0.2, Number(body.dataset.refresh) || 5) * 1000;
  const status = document.getElementById("status");
  const chart = document.getElementById("chart");
  let chartVersion = null;
  let mapVersion = null;

  function element(tag, text, attributes) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
    return made;
  }

  function showCounts(rows) {
    const lines = rows.map(function (row) {
      const line = element("tr", undefined, { "data-row": row.key });
      line.append(element("th", row.label, { scope: "row" }));
      row.counts.forEach(function (count, period) {
        line.append(element("td", count, { "data-period": String(period) }));
      });
      return line;
    });
    document.getElementById("counts-body").replaceChildren(...lines);
  }

  function showNotes(notes) {
    const items = notes.map(function (lawmaker) {
      const item = element("li");
      item.append(element("strong", lawmaker.lawmaker));
      const said = element("ul");
      lawmaker.notes.forEach(function ([text, times]) {
        said.append(element("li", "\u201c" + text + "\u201d" + (times > 1 ? " \u00d7" + times : "")));
      });
      item.append(said);
      return item;
    });
    document.getElementById("notes").replaceChildren(...items);
    document.getElementById("no-notes").hidden = items.length > 0;
  }

  function showStances(stances) {
    document.getElementById("stances-section").hidden = stances === null;
    if (stances === null) return;
    const lines = stances.map(function (found) {
      const line = element("tr", undefined, { "data-stance": found.key });
      line.append(element("th", found.lawmaker, { scope: "row" }));
      line.append(element("td", found.stance, { class: "stance" }));
      line.append(element("td", found.calls, { class: "calls" }));
      line.append(element("td", found.heard));
      line.append(element("td", found.note ? "\u201c" + found.note + "\u201d" : ""));
      return line;
    });
    document.getElementById("stances-body").replaceChildren(...lines);
    document.getElementById("no-stances").hidden = lines.length > 0;
  }

  function showChart(version) {
    document.getElementById("no-chart").hidden = version !== "";
    chart.hidden = version === "";
    if (version !== "" && version !== chartVersion) {
      chart.src = "dashboard.png" + query + "&v=" + encodeURIComponent(version);
    }
    chartVersion = version;
  }

  function showMap(version) {
    document.getElementById("map-section").hidden = version === "";
    if (version !== "" && version !== mapVersion) {
      document.getElementById("map").src = "dashboard-map.png" + query + "&v=" + encodeURIComponent(version);
    }
    mapVersion = version;
  }

  function show(data) {
    document.title = data.title;
    document.getElementById("title").textContent = data.title;
    showCounts(data.rows);
    showNotes(data.notes);
    showChart(data.chart);
    showMap(data.map);
    showStances(data.stances);
    status.textContent = body.dataset.live;
  }

  function gone() {
    document.getElementById("main").replaceChildren(element("p", body.dataset.gone));
    status.textContent = "";
  }

  async function refresh() {
    try {
      const answer = await fetch("dashboard.json" + query, { cache: "no-store", credentials: "omit" });
      if (answer.status === 403) {
        gone();
        return; // the link expired or was revoked: stop asking
      }
      if (answer.ok) {
        show(await answer.json());
      } else {
        status.textContent = body.dataset.retry;
      }
    } catch (error) {
      status.textContent = body.dataset.retry;
    }
    window.setTimeout(refresh, every);
  }

  refresh();
})();
