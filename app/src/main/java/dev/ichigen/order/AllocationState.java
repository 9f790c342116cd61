package dev.ichigen.order;

/** Where an order stands with stock (引当状況). */
public enum AllocationState {
    /** Some line has no SKU stock can be reserved for (unmapped, unknown SKU): nothing is reserved. */
    NOT_ALLOCATABLE("引当不可"),
    /** Every line is reserved in one warehouse. */
    ALLOCATED("引当済"),
    /** Not enough stock: nothing is reserved; the order waits in the backorder queue (oldest first). */
    BACKORDERED("欠品待ち"),
    /** Cancelled: reservations given back. */
    RELEASED("引当解除"),
    SHIPPED("出荷済");

    private final String label;

    AllocationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
