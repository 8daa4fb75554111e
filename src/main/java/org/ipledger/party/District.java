package org.ipledger.party;

/** Suzhou's ten county-level areas as the city's statistics count them (SIP counted on its own). */
public enum District {
    GUSU,
    HUQIU,
    WUZHONG,
    XIANGCHENG,
    WUJIANG,
    SUZHOU_INDUSTRIAL_PARK,
    CHANGSHU,
    ZHANGJIAGANG,
    KUNSHAN,
    TAICANG
}
