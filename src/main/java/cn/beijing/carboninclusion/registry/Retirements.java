package cn.beijing.carboninclusion.registry;

import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of retirements and cancellations. */
interface Retirements extends JpaRepository<Retirement, Long> {}
