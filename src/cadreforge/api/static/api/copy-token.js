/* Copy button of the API token page: copies the text of the element named by data-copy-target. */
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyTarget);
  if (!source) return;
  const text = source.value || source.textContent;
  const done = function () { button.textContent = button.dataset.copiedLabel || button.textContent; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
});
