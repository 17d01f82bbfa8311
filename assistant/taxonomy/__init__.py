"""The local knowledge base built from real taxonomy files: CompetentNL and ESCO, with Dutch labels."""
