package org.prioritytracker.task.province;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A reporting bureau: a provincial-level division or the XPCC. */
@Entity
@Table(name = "province")
public class Province extends PanacheEntityBase {

    @Id
    public String code;

    public int position;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    public String kind;

    public static List<Province> listInOrder() {
        return list("order by position");
    }
}
