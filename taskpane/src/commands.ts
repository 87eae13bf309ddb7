/** commands.html, the manifests' FunctionFile. Every Kollega button opens the pane, so nothing is registered. */
void Office.onReady();
