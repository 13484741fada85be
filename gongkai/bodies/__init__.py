"""Administrative bodies (机关) and the staff who work for them."""
