"""Document model to Akoma Ntoso XML, and safe reading of AKN from anywhere."""
