package dev.ichigen.order;

/**
 * The actions a rule may take. Not offered yet, because the module it needs does not exist: sending a mail template
 * (notification); adding a fee (手数料追加) is left out on purpose — see docs/ORDERS.md, "Rules".
 */
public enum RuleActionType {
    HOLD("保留"), RELEASE("保留解除"), SET_CARRIER("配送方法を設定"), SET_DELIVERY_DATE("お届け希望日を設定"),
    CLEAR_DELIVERY_DATE("お届け希望日を消去"), ADD_FLYER("同梱物を追加"), ADD_TAG("タグを追加"),
    SET_PLANNED_SHIP_DATE("出荷予定日を設定"), SPLIT_BY_TEMPERATURE_ZONE("温度帯で分割");

    private final String label;

    RuleActionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
