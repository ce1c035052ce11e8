// The admin's periodic task form (django-celery-beat): under the crontab
// field's help, say in words when the chosen schedule runs. The package's own
// version is an inline script, which the Content Security Policy forbids.
(function () {
  const $ = django.jQuery;
  const readable = JSON.parse(document.getElementById("readable-crontabs").textContent);
  const help = $(".field-crontab .help");
  const original = help.text();

  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    const translation = readable[$("#id_crontab").val()];
    help.text(original);
    if (translation) {
      help.append($("<br>"), document.createTextNode("Translation: " + translation));
    }
  });
})();
