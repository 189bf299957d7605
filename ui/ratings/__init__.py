"""好差评: the follow-up of bad ratings (差评整改) and their appeals."""
