// Start the NHS.UK frontend components (header menu, error summary focus,
// radios, checkboxes...). Every journey works without this script.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();

// "Copy" buttons: shown only when the browser can copy; without this script
// the address stays in its box for the person to select.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  const source = document.getElementById(button.dataset.copyTarget);
  const holder = button.closest("[hidden]");
  const status = holder ? holder.querySelector("[data-copy-status]") : null;
  if (!source || !navigator.clipboard) continue;
  if (holder) holder.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = "Address copied. Paste it into your calendar app.";
    } catch {
      source.select();
      if (status) status.textContent = "Copying did not work: the address is selected, copy it yourself.";
    }
  });
}
