// Placeholder until the RESP tests land.
