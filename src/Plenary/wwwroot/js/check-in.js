// Scanning a badge with the phone's camera, where the browser can read QR codes (BarcodeDetector).
// Without it the button stays hidden and staff type the code; the page works the same.
(() => {
  const button = document.querySelector("[data-scan]");
  const video = document.querySelector("[data-scan-video]");
  const field = document.getElementById("code");
  if (!button || !video || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    let stream;
    try {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      for (;;) {
        const codes = await detector.detect(video);
        if (codes.length > 0) {
          field.value = codes[0].rawValue;
          field.form.submit();
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    } catch {
      video.hidden = true;
      field.focus();
    } finally {
      stream?.getTracks().forEach(track => track.stop());
    }
  });
})();
