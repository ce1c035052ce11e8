// The impact report page: while the report is being built, look again every
// few seconds and show how far it has got (the region is announced politely
// to screen readers). Without this script the "Check again" button does it.
const region = document.querySelector("[data-report-progress]");

async function refresh() {
  const response = await fetch(window.location.href, {
    headers: { Accept: "text/html" },
    credentials: "same-origin",
  });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-report-progress]");
  if (!fresh) return;
  region.replaceChildren(...fresh.childNodes);
  if (fresh.dataset.reportProgress === "waiting") {
    window.setTimeout(refresh, 3000);
  }
}

if (region && region.dataset.reportProgress === "waiting") {
  window.setTimeout(refresh, 3000);
}
