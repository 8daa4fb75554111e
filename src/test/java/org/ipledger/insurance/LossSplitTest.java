package org.ipledger.insurance;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossSplitTest {

    private static LossSplit split(String loss, String insurer, String government) {
        return LossSplit.of(new BigDecimal(loss), new BigDecimal(insurer), new BigDecimal(government));
    }

    @Test
    void sixTwoTwoOfALossThatDoesNotDivideEvenlyAddsUpToTheFen() {
        LossSplit s = split("1000000.01", "0.6", "0.2");
        assertEquals(new BigDecimal("600000.01"), s.insurerPart());   // 600000.006 rounded half-up
        assertEquals(new BigDecimal("200000.00"), s.governmentPart()); // 200000.002 rounded half-up
        assertEquals(new BigDecimal("200000.00"), s.bankPart());       // the remainder
        assertEquals(s.loss(), s.insurerPart().add(s.governmentPart()).add(s.bankPart()));
    }

    @Test
    void eachShareIsRoundedHalfUpOnceAndTheBankBearsTheRemainder() {
        LossSplit s = split("0.05", "0.3", "0.3");
        assertEquals(new BigDecimal("0.02"), s.insurerPart());   // 0.015
        assertEquals(new BigDecimal("0.02"), s.governmentPart()); // 0.015
        assertEquals(new BigDecimal("0.01"), s.bankPart());
    }

    @Test
    void aProvincialFundCarryingEightyPercentLeavesTheBankNothingWhenTheSharesAddUpToOne() {
        LossSplit s = split("3333333.33", "0.2", "0.8");
        assertEquals(new BigDecimal("666666.67"), s.insurerPart());
        assertEquals(new BigDecimal("2666666.66"), s.governmentPart());
        assertEquals(new BigDecimal("0.00"), s.bankPart());
    }

    @Test
    void whenTwoHalfUpRoundingsWouldExceedTheLossTheFundsPartIsCappedAndNoFenIsInvented() {
        LossSplit s = split("0.05", "0.5", "0.5");
        assertEquals(new BigDecimal("0.03"), s.insurerPart());
        assertEquals(new BigDecimal("0.02"), s.governmentPart());
        assertEquals(new BigDecimal("0.00"), s.bankPart());
    }

    @Test
    void theThreePartsAlwaysAddUpToTheLossAndNoneIsNegative() {
        Random random = new Random(20261125);
        for (int i = 0; i < 100_000; i++) {
            BigDecimal loss = BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), 2);
            BigDecimal insurer = BigDecimal.valueOf(random.nextInt(0, 1_000_001), 6);
            BigDecimal government = BigDecimal.valueOf(random.nextInt(0, 1_000_001 - insurer.unscaledValue().intValue()), 6);
            LossSplit s = LossSplit.of(loss, insurer, government);
            assertEquals(loss, s.insurerPart().add(s.governmentPart()).add(s.bankPart()), "loss " + loss);
            assertTrue(s.bankPart().signum() >= 0 && s.governmentPart().signum() >= 0, "loss " + loss);
            assertEquals(loss.multiply(insurer).setScale(2, RoundingMode.HALF_UP), s.insurerPart());
            assertTrue(s.governmentPart().compareTo(loss.multiply(government).setScale(2, RoundingMode.HALF_UP)) <= 0);
        }
    }

    @Test
    void sharesAboveOneOrLossesFinerThanAFenAreNotSplit() {
        assertThrows(IllegalArgumentException.class, () -> split("100.00", "0.7", "0.4"));
        assertThrows(IllegalArgumentException.class, () -> split("100.001", "0.6", "0.2"));
    }
}
