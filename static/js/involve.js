// Start the NHS.UK frontend components (header menu, error summary focus,
// radios, checkboxes...). Every journey works without this script.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
