package org.ipledger.registry;

public enum AssetKind {
    // Invention patent (发明专利).
    INVENTION_PATENT,
    // Utility model patent (实用新型专利).
    UTILITY_MODEL,
    // Design patent (外观设计专利).
    DESIGN,
    // Registered trademark (注册商标).
    TRADEMARK,
    // Registered copyright in a work other than software (作品著作权).
    COPYRIGHT,
    // Registered computer software copyright (计算机软件著作权).
    SOFTWARE_COPYRIGHT
}
