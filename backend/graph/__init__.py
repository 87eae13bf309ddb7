"""Reading Outlook threads through Microsoft Graph on behalf of the signed-in user."""
