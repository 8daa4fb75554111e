package org.ipledger.party;

/** Industries the city reports IP financing by (its key industrial clusters), closed so totals add up. */
public enum Industry {
    BIOMEDICINE,
    NANOTECHNOLOGY,
    ARTIFICIAL_INTELLIGENCE,
    ELECTRONIC_INFORMATION,
    SOFTWARE_AND_IT_SERVICES,
    HIGH_END_EQUIPMENT,
    ADVANCED_MATERIALS,
    NEW_ENERGY,
    TEXTILES_AND_APPAREL,
    OTHER
}
