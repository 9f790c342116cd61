package dev.ichigen.inventory;

/** Why stock moved; every ledger row (入出庫履歴) has one. */
public enum MovementType {
    /** 入荷: goods arrived. */
    RECEIPT,
    /** 在庫調整: a manual correction with a reason. */
    ADJUSTMENT,
    /** 引当: stock set aside for an order line. */
    RESERVATION,
    /** 引当解除: a reservation given back. */
    RELEASE,
    /** 出荷: reserved stock left the warehouse. */
    SHIPMENT,
    /** 移動出庫: stock sent to another warehouse. */
    TRANSFER_OUT,
    /** 移動入庫: stock received from another warehouse. */
    TRANSFER_IN,
    /** 返品入庫: returned goods put back into stock. */
    RETURN,
    /** 棚卸差異: correction after a stocktake count (recorded by the stocktake feature). */
    STOCKTAKE_CORRECTION,
    /** 期限切れ: an expired lot taken out of sellable stock (kept as {@code location_stock.expired} to dispose of). */
    EXPIRED
}
