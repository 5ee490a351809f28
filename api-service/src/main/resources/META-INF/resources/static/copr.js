// Upload with a progress bar; without JavaScript the form posts as it is and the page follows.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload");
  if (!form || !window.XMLHttpRequest) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const bar = document.getElementById(form.dataset.progress);
    const status = document.getElementById("upload-status");
    const button = document.getElementById("upload-button");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round((100 * e.loaded) / e.total);
      bar.hidden = false;
      bar.value = pct;
      bar.textContent = pct + "%";
      status.textContent = "Uploaded " + pct + "%";
    });
    xhr.addEventListener("load", () => {
      if (xhr.status === 200 && xhr.responseURL && !xhr.responseURL.endsWith("/upload")) {
        window.location.assign(xhr.responseURL);
      } else {
        // a refusal comes back as the form page with its reason: show that page
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener("error", () => {
      status.textContent = "The upload failed: the server could not be reached.";
      button.disabled = false;
    });
    button.disabled = true;
    status.textContent = "Uploading…";
    xhr.send(new FormData(form));
  });
});
