// When an in-place request fails (the record is gone, or you may no longer change it), open the
// same address as a page: it explains what happened in words, in the page's language.
document.addEventListener("htmx:responseError", (event) => {
  const path = event.detail.pathInfo && event.detail.pathInfo.requestPath;
  if (path) {
    window.location.href = path;
  }
});
